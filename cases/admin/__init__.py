"""The curators' admin: one module per concept, each registering its own ModelAdmins.

cases: the case admin with its workflow, trash and import; reference: countries and actors;
pillars: the pillar vocabulary; history: the version pages every admin here shares; diffs:
readable differences between versions; forms: the case and import forms.
"""

from . import cases, pillars, reference  # noqa: F401  (registers the ModelAdmins)
