"""Natural-language understanding: the Rasa project and a typed client (the NLU issue)."""
