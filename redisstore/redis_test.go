package redisstore_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisServer is a real redis-server on 127.0.0.1, in a temp dir, without
// persistence, for one test.
type redisServer struct {
	addr string
	dir  string
	args []string
	cmd  *exec.Cmd
}

// startRedis starts redis-server on a free port and stops it when the test
// ends. Without redis-server the test is skipped, unless CI is set (.ci/run
// installs it).
func startRedis(t testing.TB) *redisServer { return startRedisWith(t) }

// startRedisWith is startRedis with more redis-server arguments.
func startRedisWith(t testing.TB, args ...string) *redisServer {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("redis-server not found; .ci/run installs it")
		}
		t.Skip("redis-server not installed")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &redisServer{addr: addr, dir: t.TempDir(), args: args}
	s.start(t)
	t.Cleanup(s.kill)
	return s
}

// start runs redis-server and waits until it answers PING.
func (s *redisServer) start(t testing.TB) {
	t.Helper()
	_, port, _ := net.SplitHostPort(s.addr)
	args := append([]string{"--port", port, "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", "no", "--logfile", filepath.Join(s.dir, "redis.log")}, s.args...)
	s.cmd = exec.Command("redis-server", args...)
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: s.addr, MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for rdb.Ping(context.Background()).Err() != nil {
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
			t.Fatalf("redis-server on %s did not answer within 10s:\n%s", s.addr, log)
		}
		time.Sleep(10 * time.Millisecond) // polling for readiness, not synchronization
	}
}

// kill stops redis-server at once (SIGKILL) and waits for it to exit.
func (s *redisServer) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		s.cmd = nil
	}
}

// client returns a client for the server, closed when the test ends.
func (s *redisServer) client(t testing.TB) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: s.addr})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
