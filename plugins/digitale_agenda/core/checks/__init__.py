"""Rules that look at the meaning of loaded data, one module per rule group.

Each check takes the model and a list to append diagnostics to; none re-reads a file.
"""
