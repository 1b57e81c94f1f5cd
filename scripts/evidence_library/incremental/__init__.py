"""What `generate` keeps between runs so that changing one source redoes only what depends on it:
page models (`page_cache`, `run_pages`), the bibliography's per-page results (`bibliography_ledger`)
and the response pages' Markdown (`response_memo`). Always a shortcut: a missing, damaged or stale
entry means the work is done again, and an incremental run gives the bytes of a clean one."""
