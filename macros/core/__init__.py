"""The data core: one pydantic model per record, safe YAML with line numbers, Norwegian
messages, cross-record rules, the municipality register and the validated catalog. Never imports MkDocs.
"""
