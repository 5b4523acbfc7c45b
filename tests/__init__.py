"""Tests: unit (pure), integration (database and fake Twilio), e2e (real processes)."""
