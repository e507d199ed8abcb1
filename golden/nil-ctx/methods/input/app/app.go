package app

import "example.com/methods/store"

type Service struct {
	db    *store.DB
	cache store.Cache
}

// Load reaches the store through a field, a constructor and a range.
func (s *Service) Load(shards []*store.DB) error {
	if err := s.db.Get(nil, "k"); err != nil {
		return err
	}
	fresh := store.New()
	for _, shard := range shards {
		_ = shard.Get(nil, "k")
	}
	_ = s.cache.Get(nil, "default")
	_ = s.db.Put(nil, "v")
	return fresh.Get(nil, "k")
}
