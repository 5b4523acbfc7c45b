"""Messaging: the outbox, email, delivery choices, and the channels (Twilio, demo)."""
