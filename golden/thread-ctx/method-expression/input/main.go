package main

import (
	"context"
	"fmt"
)

type Cache struct{ prefix string }

func lookup(ctx context.Context, key string) (string, error) {
	return key, ctx.Err()
}

// Get is called through a method expression: its receiver is the first
// argument there, so a context added first would go in the wrong place.
func (c Cache) Get(key string) string {
	v, _ := lookup(context.TODO(), c.prefix+key)
	return v
}

// Put is held as a method expression of the pointer type.
func (c *Cache) Put(key string) string {
	v, _ := lookup(context.TODO(), c.prefix+key)
	return v
}

// Del is called through a method expression directly.
func (c Cache) Del(key string) string {
	v, _ := lookup(context.TODO(), c.prefix+key)
	return v
}

func run(ctx context.Context) {
	get := Cache.Get
	put := (*Cache).Put
	c := Cache{prefix: "p/"}
	fmt.Println(get(c, "a"), put(&c, "b"), Cache.Del(c, "c"), (*Cache).Del(&c, "d"))
}

func main() {
	run(context.Background())
}
