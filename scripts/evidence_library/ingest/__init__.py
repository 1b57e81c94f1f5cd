"""Getting responses in: files on disk, PDFs and Word files, front matter."""
