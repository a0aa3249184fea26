"""Events: extraction from one article (extract) and merging across articles (merge)."""
