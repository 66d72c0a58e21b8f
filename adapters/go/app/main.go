// Twisted Web's session examples (session-basics, session-store) on gorilla/sessions, with
// its cookie store or its filesystem store, for the session-conformance suite.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

const cookieName = "session"
const maxSlowMs = 10_000 // the page contract's cap (lib/pages.ts)

var store sessions.Store
var cookieStore bool

// session gets the visitor's session. A cookie that does not decode (forged, expired, or
// malformed) gives a new session and an error, which gorilla documents as "a new session":
// it is logged, not answered with a 500.
func session(r *http.Request) *sessions.Session {
	s, err := store.Get(r, cookieName)
	if err != nil {
		log.Printf("new session: %v", err)
	}
	// The cookie store has no session id: the app keeps a random one in the session.
	if _, ok := s.Values["id"]; cookieStore && !ok {
		s.Values["id"] = randomID()
	}
	return s
}

// uid is the session's name: gorilla's own ID in the filesystem store, the app's in the cookie store.
func uid(s *sessions.Session) string {
	if cookieStore {
		return s.Values["id"].(string)
	}
	return s.ID
}

func randomID() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func page(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

// save saves the session before the body is written, as gorilla requires.
func save(w http.ResponseWriter, r *http.Request, s *sessions.Session) bool {
	if err := s.Save(r, w); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return false
	}
	return true
}

// get serves GET (and HEAD, which net/http answers without the body) only, before any session.
func get(handler http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		handler(w, r)
	}
}

func main() {
	kind := flag.String("store", "cookie", "cookie or filesystem")
	dir := flag.String("dir", "", "the filesystem store's folder")
	timeout := flag.Int("timeout", 2, "MaxAge in seconds")
	tlsCert := flag.String("tls-cert", "", "PEM certificate for HTTPS")
	tlsKey := flag.String("tls-key", "", "PEM key for HTTPS")
	flag.Parse()

	key := securecookie.GenerateRandomKey(32)
	switch *kind {
	case "cookie":
		s := sessions.NewCookieStore(key)
		s.MaxAge(*timeout)
		store, cookieStore = s, true
	case "filesystem":
		s := sessions.NewFilesystemStore(*dir, key)
		s.MaxAge(*timeout)
		store = s
	default:
		log.Fatalf("unknown store %q", *kind)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/", get(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		s := session(r)
		if save(w, r, s) {
			page(w, "Your session id is: "+uid(s))
		}
	}))
	mux.HandleFunc("/expire", get(func(w http.ResponseWriter, r *http.Request) {
		s := session(r)
		s.Options.MaxAge = -1 // gorilla's way to delete a session
		if save(w, r, s) {
			page(w, "Your session has been expired.")
		}
	}))
	mux.HandleFunc("/counter", get(func(w http.ResponseWriter, r *http.Request) {
		s := session(r)
		count, _ := s.Values["counter"].(int)
		s.Values["counter"] = count + 1
		if save(w, r, s) {
			page(w, "<!DOCTYPE html><html><head><meta charset='utf-8'><title></title></head><body>Visit #"+strconv.Itoa(count+1)+" for you!")
		}
	}))
	mux.HandleFunc("/slow", get(func(w http.ResponseWriter, r *http.Request) {
		ms, err := strconv.Atoi(r.URL.Query().Get("ms"))
		if err != nil {
			http.Error(w, "ms must be a number of milliseconds", http.StatusBadRequest)
			return
		}
		if ms < 0 {
			ms = 0
		} else if ms > maxSlowMs {
			ms = maxSlowMs
		}
		s := session(r)
		time.Sleep(time.Duration(ms) * time.Millisecond)
		s.Values["heldAt"] = time.Now().UnixMilli()
		if save(w, r, s) {
			page(w, fmt.Sprintf("Your session was held for %d ms.", ms))
		}
	}))

	ready := map[string]any{"ready": true, "version": os.Getenv("GORILLA_SESSIONS_VERSION") + " (Go " + runtime.Version() + ")"}
	plain, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	ready["port"] = plain.Addr().(*net.TCPAddr).Port
	go func() { log.Fatal(http.Serve(plain, mux)) }()
	if *tlsCert != "" {
		secure, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			log.Fatal(err)
		}
		ready["httpsPort"] = secure.Addr().(*net.TCPAddr).Port
		server := &http.Server{Handler: mux}
		// ServeTLS reads the PEM files at once; the adapter deletes them after the ready line.
		certificate, err := loadPair(*tlsCert, *tlsKey)
		if err != nil {
			log.Fatal(err)
		}
		server.TLSConfig = certificate
		go func() { log.Fatal(server.ServeTLS(secure, "", "")) }()
	}
	line, _ := json.Marshal(ready)
	fmt.Println(string(line))
	select {}
}
