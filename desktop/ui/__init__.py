"""The Qt application: presents the library and turns user actions into edits."""
