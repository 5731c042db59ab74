# 职称评审子系统 — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
JOBS ?= 2
export CARGO_BUILD_JOBS ?= $(JOBS)

.PHONY: run test test-scale load contract bench fuzz tools build-frontend build fmt lint openapi clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: tools build-frontend ## install what is missing, build everything, serve on http://127.0.0.1:8080
	cargo build --release -p backend --bin backend
	./target/release/backend serve

test: ## every check: fmt, clippy, wasm build, tests on SQLite and PostgreSQL, browser journeys
	scripts/test.sh

test-scale: ## two instances behind nginx on one PostgreSQL, files in Garage (S3); installs nginx and Garage when missing; CI runs it after `make test`
	scripts/test-scale.sh

load: ## the load test: a province's busy day (locust) against SQLite, PostgreSQL and two instances behind nginx (LOAD_SECONDS, LOAD_USERS, LOAD_CONFIGS); not in `make test`
	scripts/load.sh

contract: ## the API contract: schemathesis as four roles against the demo server (EXAMPLES=5 SEED=1 SCENARIOS=100; CONTRACT_ROLES to pick); `make test` runs it so
	scripts/contract.sh $(or $(EXAMPLES),5) $(or $(SEED),1) $(or $(SCENARIOS),100)

bench: ## the ignored benchmarks, release, SQLite then PostgreSQL (BENCH=session_perf for one); not in `make test`
	cargo test --release -p backend --test api $(BENCH) -- --ignored --nocapture --test-threads=1

fuzz: ## coverage-guided fuzzing of every target, FUZZ_SECONDS each (default 300), new finds kept in the corpus; not in `make test` (which runs 5 s each)
	scripts/ensure-tools.sh --test
	FUZZ_KEEP_CORPUS=1 scripts/fuzz.sh $(or $(FUZZ_SECONDS),300)

tools: ## install the wasm target, wasm-bindgen-cli (lock's version) and wasm-opt when missing
	scripts/ensure-tools.sh

build-frontend: tools ## build the SPA into frontend/dist (release, size profile, wasm-opt)
	scripts/build-frontend.sh

build: build-frontend ## release build of the SPA and the server
	cargo build --release -p backend --bin backend

fmt: ## format everything
	cargo fmt --all

lint: ## clippy on every crate and target
	cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --all-targets -- -D warnings

openapi: ## print the OpenAPI document
	@cargo run -q -p backend --bin backend -- openapi

clean: ## remove build output (keeps ./data)
	cargo clean
	rm -rf frontend/dist backend/fuzz/target
