"""Training and measuring the optional sentence classifier from the development sets' gold.

`sentences.py` labels the build's own sentences with the gold event items;
`loso.py` trains one model per held-out set and compares the rules with the
classifier's veto, re-typing and additions. See README.md in this folder.
"""
