package redisstore_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist/budget"
	"github.com/anigql/anigql/redisstore"
	"github.com/redis/go-redis/v9"
)

// TestStoreOnCluster runs the scripts on a real three-node Redis Cluster:
// each budget's keys share a hash slot, so every script runs on one node,
// whichever node the key lands on.
func TestStoreOnCluster(t *testing.T) {
	t.Parallel()
	var addrs []string
	for range 3 {
		s := startRedisWith(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf")
		addrs = append(addrs, s.addr)
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs})
	t.Cleanup(func() { rdb.Close() })
	ctx := t.Context()
	waitClusterOK(t, ctx, rdb, addrs)
	nodes := map[string]bool{}
	for _, key := range []string{"a", "b", "c", "d", "e", "f"} {
		s, err := redisstore.NewStore(rdb, "cluster:"+key)
		if err != nil {
			t.Fatal(err)
		}
		take := budget.Take{Window: 10 * time.Second, Limit: 1, ID: "r"}
		if got, err := s.Take(ctx, take); err != nil || !got.OK {
			t.Fatalf("key %s: first take: %+v, %v", key, got, err)
		}
		if got, err := s.Take(ctx, take); err != nil || got.OK {
			t.Fatalf("key %s: second take at limit 1: %+v, %v; want a wait", key, got, err)
		}
		if err := s.Report(ctx, budget.Report{Window: take.Window, ID: "r", Status: 200, Limit: 1, Remaining: 0}); err != nil {
			t.Fatalf("key %s: report: %v", key, err)
		}
		node, err := rdb.MasterForKey(ctx, "{cluster:"+key+"}:s")
		if err != nil {
			t.Fatal(err)
		}
		nodes[node.Options().Addr] = true
	}
	if len(nodes) < 2 {
		t.Errorf("the budgets all landed on one node (%v); the test did not spread them", nodes)
	}
}

// waitClusterOK polls CLUSTER INFO on every node until each says the
// cluster is ready.
func waitClusterOK(t *testing.T, ctx context.Context, rdb *redis.ClusterClient, addrs []string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for _, addr := range addrs {
		node := redis.NewClient(&redis.Options{Addr: addr})
		for {
			info, err := node.ClusterInfo(ctx).Result()
			if err == nil && strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				node.Close()
				t.Fatalf("node %s not ready: %v %s", addr, err, info)
			}
			time.Sleep(50 * time.Millisecond) // polling for readiness
		}
		node.Close()
	}
	rdb.ReloadState(ctx)
}
