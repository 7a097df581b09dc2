"""Many sheets: only what changed, in worker processes under limits, with a manifest."""
