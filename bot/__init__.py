"""Application services: inbound handling, the outbox, channel adapters, bootstrap."""
