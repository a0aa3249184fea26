"""English data for the time engine: word lists and small regex fragments only, no logic.

Another language adds a module with the same names; `timex.py` compiles whatever it finds here once
(cached per language). Keys are lower case; the engine matches case-insensitively unless it says why not.
"""

# -- calendar words ---------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# A month written as a word in a dateline, byline or embed footer ("Mar", "March", "Sept."): the
# three-letter stem (a key of MONTHS) starts it. Used by clean.py and pubdate.py.
MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Month words that are also common words: a bare one counts only capitalised and after a cue word.
AMBIGUOUS_MONTHS = {"may", "mar", "jan", "jun", "dec", "march", "aug"}
MONTH_CUES = ["in", "since", "until", "till", "by", "of", "from", "early", "late", "mid", "during", "last",
              "next", "this", "through", "before", "after", "between", "and", "to", "each", "every"]

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# first month of each season (northern hemisphere, meteorological), for value_to_range
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "midafternoon": "AF",
                "evening": "EV", "night": "NI", "overnight": "NI"}
CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
TIME_ZONES = ["EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
              "IST", "local time"]
AM_PM_RE = r"(?P<ap>[ap]\.\s?m\.?|[ap]m\b)"

# name -> (month, day) for fixed days, or (month, weekday, n) for "the n-th weekday" (n = -1: the last)
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "election day": (11, 0, 1),   # US: the day after the first Monday
}
# Holidays that move with Easter: name -> days from Easter Sunday
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}

# -- numbers ----------------------------------------------------------------------------------------

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "one hundred": 100, "a thousand": 1000, "half a": 0.5, "a half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "single": 1,
}
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNITS_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
# counts with no number: "several years" -> PXY
VAGUE_NUMBERS = ["several", "a few", "few", "many", "some", "numerous", "a number of", "the next few",
                 "the past few", "the last few", "recent", "coming", "the coming", "the last several",
                 "the past several", "the next several"]
# spoken years: "nineteen ninety-six", "two thousand (and) three"
CENTURY_WORDS = {"nineteen": 19, "eighteen": 18}
MILLENNIUM_WORDS = ["two thousand"]
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "final": 4, "last": 4}
# centuries by ordinal word ("the nineteenth century"); digits ("19th") are read directly
CENTURY_ORDINALS = {"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                    "twentieth": 20, "twenty-first": 21, "twenty first": 21}
# "later in the day": TimeML tags "the day" as the document's day
IN_THE_DAY_ADVERBS = ["earlier", "later", "late", "early"]
# "the weeks before the vote": a vague stretch anchored on an event, tagged as a duration of that unit
EVENT_ANCHOR_WORDS = ["before", "after", "leading up to", "following", "that followed", "since"]
ORDINAL_SUFFIX_RE = r"(?:st|nd|rd|th)?"

# unit word (singular) -> (TIMEX3 duration unit, is a clock unit: PT...)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "fortnight": ("2W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False), "decade": ("10Y", False),
    "century": ("100Y", False),
}
UNIT_PLURALS = {"centuries": "century"}
# units a trading report counts in: "eight trading days"
UNIT_ADJECTIVES = ["trading", "business", "working", "calendar", "school", "straight", "consecutive",
                   "more", "additional", "full", "long"]

# -- relative words ---------------------------------------------------------------------------------

# relative determiners: offset in units from the document date
RELATIVE = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1,
            "this coming": 1, "following": 1, "this": 0, "current": 0, "the current": 0, "the coming": 1,
            "the next": 1, "the last": -1, "the past": -1, "the previous": -1, "the following": 1,
            "the same": 0, "that": 0}
DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
             "the day after tomorrow": 2}
# words before a point in time that narrow it and belong inside the span ("early March", "late Tuesday")
POINT_MODIFIERS = ["early", "late", "mid", "earlier", "later", "the end of", "the beginning of",
                   "the start of", "the middle of", "the close of", "the turn of", "end of", "end-",
                   "mid-", "early-", "late-"]
# words before an amount of time that TimeML keeps inside the span ("nearly four years", "more than a week")
APPROX_MODIFIERS = ["nearly", "almost", "more than", "less than", "at least", "no more than", "up to",
                    "about", "approximately", "roughly", "some", "just over", "just under", "over",
                    "fewer than", "at most", "well over", "only"]
# ...of which these also start a preposition phrase and so stay out of the span
PREPOSITION_LIKE_MODIFIERS = ["over", "about", "only"]
AGO_WORDS = {"ago": -1, "earlier": -1, "before": -1, "later": 1, "after": 1, "from now": 1, "hence": 1,
             "back": -1}

# vague references, all type DATE
REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
        "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
"the present": "PRESENT_REF", "at this time": "PRESENT_REF",
        "recently": "PAST_REF", "more recently": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
        "in recent times": "PAST_REF", "once": None,
        "the future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
        "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "a later date": "FUTURE_REF",
        "as soon as possible": "FUTURE_REF",
        # adjectives TimeML tags alone ("the current quarter" is handled as a unit phrase first)
        "current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}
# a reference word followed by these is not a time: "now that ...", "soon after the vote"
REF_BLOCKERS_AFTER = {"now": r"\s+that\b", "soon": r"\s+(?:after|afterwards|as|thereafter)\b",
                      # the adjectives count only before a noun phrase, never as a noun ("the current")
                      # or in fixed terms where they are not about time ("current account", "future contracts")
                      "current": r"(?!\s+[a-z])|\s+(?:account|accounts|affairs|events|flows?|assets|liabilities)\b",
                      "recent": r"(?!\s+[a-z])",
                      "future": r"(?!\s+[a-z])|\s+(?:contracts?|tense|perfect)\b"}
REF_BLOCKERS_BEFORE = {"soon": r"\b(?:as|so|too|how)\s+$"}
# references that only count in a clause told as future ("will soon", not "soon became")
FUTURE_ONLY_REFS = {"soon"}

# sets: adverbs and quantifiers
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W"}
# ...of which these are mostly adjectives before a noun in news ("quarterly dividend"): not taken there
SET_ADVERBS_NOT_BEFORE_NOUN = {"quarterly", "monthly", "weekly", "yearly"}
SET_QUANTIFIERS = ["every", "each"]
SET_RATE_WORDS = ["a", "per"]

# -- tense cues (a lightweight clause tense for "on Monday", "in March") ------------------------------

FUTURE_CUES = ["will", "'ll", "shall", "won't", "to be held", "is to", "are to", "set to", "scheduled",
               "expected to", "plans to", "plan to", "going to", "due to be", "is due", "are due",
               "likely to", "slated", "poised to", "upcoming", "forthcoming", "intends to", "aims to",
               "as soon as", "would", "hopes to", "wants to", "is to be", "planned to", "planning to",
               "intended to", "was to", "were to", "was due to", "were due to", "ahead of", "plans for",
               "to be", "in preparation for"]
# Not cues: "next" ("next to", and "next week" is read by its own pattern), "may" (the month), "could"
# and "might" (past ability as often as possibility: "could not be located Wednesday").
PAST_CUES = ["was", "were", "had", "did", "ago", "last", "earlier", "said", "says", "told", "met", "held",
             "went", "came", "took", "gave", "made", "left", "won", "lost", "began", "fell", "rose", "saw",
             "since", "sent", "shot", "fled", "hit", "struck", "spoke", "wrote", "became", "got", "brought",
             "bought", "sold", "paid", "led", "set", "put", "ran", "found", "heard", "kept", "began",
             "thought", "knew", "quit", "cut", "broke", "chose", "drew", "flew", "grew", "meant",
             "stood", "took", "won", "wore", "arrived", "has been", "have been", "yesterday"]
# a lower-case word in -ed (case-sensitive: "United", "Red" are names, not verbs)
PAST_VERB_SUFFIX_RE = r"(?-i:[a-z]{2,}ed)"
BE_FORMS = ["be", "is", "are", "am", "been", "being"]
# clause breaks that end the reach of a tense cue
# (a full stop only after a word that is not an abbreviation: "p.m.", "U.S.", "Mr.", "Sept." do not end)
CLAUSE_BREAK_RE = (r"(?<!\.[A-Za-z])(?<!\b[A-Za-z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)"
                   r"(?<!\bJan)(?<!\bFeb)(?<!\bAug)(?<!\bSep)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bGen)(?<!\bGov)"
                   r"[.!?]\s+|;\s|\n|``|''|\"|:\s")

# -- years ------------------------------------------------------------------------------------------

# words before a year that belong in its span ("fiscal 2023", "early 1990", "mid-1996")
YEAR_PREFIX_MODIFIERS = ["fiscal", "calendar", "fy", "the year", "the end of", "the beginning of",
                         "the start of", "the middle of", "the first half of", "early", "late", "mid",
                         "mid-", "end-", "post-", "pre-"]
# a number followed by one of these is a count, not a year
COUNT_FOLLOWERS_RE = (r"(?:%|percent|per\s+cent|[a-z]*-?members?\b|people|persons|workers|jobs|troops|"
                      r"votes|seats|shares|tons|tonnes|miles|km|kilometres|kilometers|metres|meters|feet|"
                      r"units|cars|homes|houses|employees|staff|students|deaths|cases|dollars|euros|"
                      r"pounds|rupees|crore|lakh|points|hours|minutes|calories|pages|words|years|days|"
                      r"acres|barrels|men|women|children|soldiers|police|officers|residents|passengers|"
                      r"tickets|copies|rooms|beds|flights|[a-z]+-(?:old|long|strong)\b)")
# words that follow "the" + duration and make it an age or a size rather than a time ("6-year-old")
AGE_SUFFIX_RE = r"[\s-]+olds?\b"

# an amount right before "a week" / "per day" makes it a frequency ("24 hours a day", "$5 a month")
RATE_BEFORE_RE = (r"(?i:\d|\btimes|\btwice|\bonce|\bdollars|\bdozens|\bhundreds|\bthousands|\bmillion|"
                  r"\bbillion|\bpercent|%|\bone|\btwo|\bthree|\bfour|\bfive|\bsix|\bseven|\beight|\bnine|"
                  r"\bten|\btwelve|\btwenty|\bfifty|\bhundred|\bthousand)[^\s.]*(?:\s+[a-z][^\s.]*){0,2}\s*$")
# words before a bare plural unit that make it a vague duration ("for years", "within weeks")
BARE_UNIT_BEFORE_RE = r"\b(?:for|within|over|lasted|last|take|takes|took|taking|spent|spend|first\s+time\s+in|in)\s+$"
