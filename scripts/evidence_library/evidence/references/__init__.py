"""The reference parser: a note's tokens labelled by a trained BiLSTM-CRF, then turned into fields.

Four lists, as in AnyStyle: `tokens` (a note -> tokens), `features` (one small
function per feature), the trained model (`network`, read by `tagger`, built by `training`), and
`fields` (labelled spans -> a citation's fields, one small normaliser each).
`labels` holds the label set and how labelled spans split into works.
"""
