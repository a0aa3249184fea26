"""English data for the time engine: words and regex fragments only, no logic.

Another language adds a module with the same names; `timex.py` compiles whatever it finds here.
"""

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Abbreviations that are also common words need a following dot or a day number to count.
AMBIGUOUS_MONTHS = {"may", "mar", "jan", "jun", "dec", "march"}

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
            "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "half a": 0.5, "a couple of": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12,
}
VAGUE_NUMBERS = {"several", "few", "a few", "many", "some", "numerous", "recent", "coming", "past"}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "final": 4, "last": 4}

# unit word (singular) -> (TIMEX3 duration letter, is time-of-day unit)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "fortnight": ("2W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False),
}

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                "overnight": "NI"}

# relative determiners: offset in units from the document date
RELATIVE = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "this": 0,
            "current": 0, "the current": 0, "the coming": 1, "the next": 1, "the last": -1, "the past": -1,
            "the previous": -1, "the following": 1}
DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
             "the day after tomorrow": 2}
SPAN_MODIFIERS = {"early", "earlier", "late", "later", "mid", "the end of", "the beginning of", "the start of",
                  "the middle of"}

PRESENT_REF = ["now", "currently", "at present", "presently", "nowadays", "these days", "at the moment",
               "right now", "the present", "current"]
PAST_REF = ["recently", "the past", "in the past", "lately", "recent", "previously", "formerly", "once"]
FUTURE_REF = ["the future", "in the future", "soon", "future", "shortly", "in the coming days",
              "in coming days", "before long"]
# which of the above are tagged (the rest are too vague or too often not temporal)
TAGGED_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
               "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
               "the present": "PRESENT_REF", "current": "PRESENT_REF",
               "recently": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF", "recent": "PAST_REF",
               "previously": "PAST_REF", "formerly": "PAST_REF",
               "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF"}

SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
        "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W"}
SET_QUANTIFIERS = ["every", "each", "per", "a"]

# cues for the direction of a bare weekday or month and for the tense of a clause
FUTURE_CUES = ["will", "'ll", "shall", "to be held", "is to", "are to", "set to", "scheduled", "expected to",
               "plans to", "plan to", "planned", "going to", "due to", "likely to", "slated", "poised to",
               "would", "upcoming", "next", "forthcoming", "coming", "intends to", "aims to", "to meet",
               "to visit", "to hold", "to attend", "until", "by"]
PAST_CUES = ["was", "were", "had", "did", "ago", "last", "earlier", "met", "held", "went", "came", "took",
             "gave", "made", "told", "left", "won", "lost", "began", "fell", "rose", "saw", "since"]
PAST_VERB_SUFFIX = "ed"
BE_FORMS = ["be", "is", "are", "am", "been", "being"]

# words after a bare 4-digit number that show it is a year ("the 2024 polls") rather than a count
YEAR_PRECEDERS = ["in", "since", "by", "of", "from", "until", "till", "before", "after", "during", "the",
                  "fiscal", "year", "early", "late", "mid", "through", "to", "and", "or", "between", "for",
                  "around", "summer", "winter", "spring", "autumn", "fall", "season", "'s", "FY", "calendar"]
COUNT_FOLLOWERS_RE = r"(?:%|percent|per\s+cent|[a-z]*-?members?\b|people|persons|workers|jobs|troops|" \
                     r"votes|seats|shares|tons|tonnes|miles|km|kilometres|kilometers|metres|meters|feet|" \
                     r"units|cars|homes|houses|employees|staff|students|deaths|cases|dollars|euros|pounds|" \
                     r"rupees|crore|lakh|points|hours|minutes|calories|pages|words)"
