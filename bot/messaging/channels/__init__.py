"""Channels: one module per carrier (Twilio), and the local demo channel."""
