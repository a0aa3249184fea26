"""Time: the temporal expression engine (timex), publication dates (pubdate) and clause tense (tense)."""
