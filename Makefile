# Conecta.Channels — the two commands: `make run` (embedded, no servers) and `make test` (real servers).
SHELL := /bin/bash
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

PORT ?= 8080

.PHONY: run build test servers bench bench-faults bench-scale clean

run: ## The service on its embedded default at http://127.0.0.1:$(PORT) (Development, in-memory bus, SQLite, the sandbox); `make run PORT=8081` for another port
	ASPNETCORE_ENVIRONMENT=Development $(DOTNET) run --project src/Conecta.Channels --urls http://127.0.0.1:$(PORT)

build:
	$(DOTNET) build Conecta.Channels.sln -c Release

servers: ## Install (apt-get) and start RabbitMQ, Redis and PostgreSQL on loopback
	scripts/servers.sh

test: servers ## Every test project against real RabbitMQ, Redis and PostgreSQL, then the walkthrough against make run's configuration; ends with "N passed, N failed"
	scripts/test.sh

# Independent benchmarks: the outbound one runs even when the webhook one fails; make fails if either did.
bench: servers ## Webhook throughput against the raw-Kestrel ceiling, then outbound sends through RabbitMQ + Redis to a fake Graph API
	@status=0; bench/webhooks.sh || status=$$?; bench/outbound.sh || status=$$?; exit $$status

bench-faults: servers ## Load, fault and bad-input suite: its own RabbitMQ node and Redis (restarted and killed), the service SIGKILLed; about 15 minutes, LOAD=0.1 for a short run (about 5)
	bench/faults.sh

bench-scale: servers ## Three instances on partitioned command queues, one SIGKILLed and restarted: order, loss, duplicates, rate limits and the speedup over one; LOAD=0.1 for a short run (under 3 minutes)
	bench/scale.sh

clean:
	$(DOTNET) clean Conecta.Channels.sln
