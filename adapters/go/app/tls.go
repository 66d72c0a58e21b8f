package main

import "crypto/tls"

// loadPair reads the certificate and key now, so the files can go once the server is ready.
func loadPair(certFile, keyFile string) (*tls.Config, error) {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}}, nil
}
