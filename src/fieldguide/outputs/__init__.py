"""What the build makes besides the site: the PDF field guides, the offline copy, slimmer pages."""
