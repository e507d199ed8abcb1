package tags

func load(name string) string {
	return name
}

func (c *Cache) Get(name string) string {
	return c.prefix + name
}
