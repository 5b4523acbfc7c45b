"""Conversations: a received message answered by the flows, and their stored state."""
