"""The clock process: APScheduler jobs, run by exactly one leader at a time."""
