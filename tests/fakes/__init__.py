"""Fakes of external services (Twilio) served on 127.0.0.1 for tests and benchmarks."""
