package anilist

import "time"

// SetCacheClock makes the TTLs of c's cache run on now.
func SetCacheClock(c *Client, now func() time.Time) { c.cache.now = now }

// WaitRefreshes waits until c's background refreshes have ended.
func WaitRefreshes(c *Client) { c.cache.refresh.Wait() }

// OnJoin makes c call joined each time a call has joined a flight.
func OnJoin(c *Client, joined func()) { c.cache.joined = joined }

// SetCacheStore makes c cache in store.
func SetCacheStore(c *Client, store Cache) { c.cache.store = store }
