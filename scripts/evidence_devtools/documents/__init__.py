"""A corpus of real-shaped documents made from known texts, and the yardstick that scores importers on it.

texts/ (markup.py) -> truth (model.py, sentences.py) -> writers (fodt.py, latex.py) in layouts (layouts.py)
-> files built by LibreOffice and pdflatex into a cache (build.py) -> imported with `add` and scored
(measure.py, score.py) -> tables (tables.py). See README.md.
"""
