"""Programme reports and the regional dataset: figures computed from storage."""
