"""Pure conversation logic: steps are (state, event, now) -> (new_state, effects)."""
