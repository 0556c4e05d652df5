"""The thin engine face: MkDocs hooks, fixes to Material's HTML and the mkdocs-macros entry.
The only modules that import MkDocs; everything they call is a plain function elsewhere.
"""
