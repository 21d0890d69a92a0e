"""The public pages, one module per kind of visit.

catalogue: browsing (home, the case list, a case, countries, pillars); explore: the overview,
comparing cases, actor pages; research: the /data/ page, the Atom feed and per-case citations;
downloads: exports of a filtered list in every format.
"""
