"""Site generation: pure functions from a validated Catalog to pages and files (case, county,
focus-area and criterion pages, maps, related cases, explorer, exports, search index). Knows no engine.
"""
