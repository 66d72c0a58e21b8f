# Prints the suite's ReadyLine once puma has booted, with the ports it bound (port 0: the OS
# picked them). Puma 5.6's config DSL has no on_booted; a plugin can hook it.
require "json"
require "rack"
require "puma/plugin"

Puma::Plugin.create do
  def start(launcher)
    launcher.events.on_booted do
      ready = { ready: true, version: "Rack #{Rack.release} on Puma #{Puma::Const::PUMA_VERSION}" }
      launcher.binder.ios.each do |io|
        ready[io.class.name == "Puma::MiniSSL::Server" ? :httpsPort : :port] = io.addr[1]
      end
      $stdout.puts JSON.generate(ready)
      $stdout.flush
    end
  end
end
