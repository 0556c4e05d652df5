"""Editor tools: the `kulturskole` command (sjekk, ny, skjema, kodeeiere) and the scaffold that
writes a new case file from the register. Uses the data core only.
"""
