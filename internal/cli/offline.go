package cli

import (
	"context"

	"github.com/anigql/anigql/anilisttest"
)

// offlineServer is the in-process AniList emulator behind --offline.
type offlineServer = anilisttest.Server

// emulator returns the run's emulator, starting it on 127.0.0.1 on first use.
func (e *env) emulator(_ context.Context) (*offlineServer, error) {
	if e.emu == nil {
		return e.startEmulator("")
	}
	return e.emu, nil
}

// startEmulator starts the run's emulator with the demo client registered
// for redirectURI (empty: AniList's pin page), with the state earlier
// --offline commands left.
func (e *env) startEmulator(redirectURI string) (*offlineServer, error) {
	if e.emu != nil {
		e.saveState()
		e.emu.Close()
	}
	s := anilisttest.NewUnstartedServer()
	s.RedirectURI = redirectURI
	s.Now = e.now
	e.loadState(s)
	s.Start()
	e.emu = s
	return s, nil
}
