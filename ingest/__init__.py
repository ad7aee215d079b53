"""Loading, splitting and syncing documents into the store."""
