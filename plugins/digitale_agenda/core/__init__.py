"""The domain core: loading, validating and scoring agendas. Never imports MkDocs."""
