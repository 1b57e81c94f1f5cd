"""What responses cite and argue: citations, the shared bibliography, positions, themes, cross-links."""
