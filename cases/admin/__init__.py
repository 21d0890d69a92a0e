"""The curators' admin: one module per concept, each registering its own ModelAdmins.

cases: the case admin with its workflow, trash and import; reference: countries and actors;
pillars: the pillar vocabulary; national: national frameworks and the documents they cite;
related: the case admin's inline for pinned and hidden related cases; history: the version
pages every admin here shares; diffs: readable differences between versions; forms: the case
and import forms.
"""

from . import cases, national, pillars, reference  # noqa: F401  (registers the ModelAdmins)
