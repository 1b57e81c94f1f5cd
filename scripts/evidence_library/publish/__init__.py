"""Pages and the site: Markdown rendering, the site writer, search, the MkDocs plugin."""
