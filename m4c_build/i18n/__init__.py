"""Interface texts in fr, en and es, and what CLDR/ISO data names (countries); one translator."""
