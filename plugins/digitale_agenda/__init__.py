"""Digitale Agenda: validate municipal Digital Agendas and publish them as a static site.

The package has three layers: ``core`` (plain Python, no MkDocs), the MkDocs adapter
``mkdocs_plugin`` and the command line adapter ``cli``.
"""

__version__ = "0.1.0"
