"""Understanding layer: entities and intents from one customer message (pure Python)."""

from bot.nlu.entities import Entities, extract_entities
from bot.nlu.intents import IntentResult, classify_intent

__all__ = ["Entities", "IntentResult", "classify_intent", "extract_entities"]
