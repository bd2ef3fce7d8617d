#!/usr/bin/env node
// `mockchat serve` serves from a child Node started with GC flags (server-process.ts), started
// first so that it boots while this process parses the command line; every other command, and
// `serve` started with Node flags of your own, runs in this process alone.
import { startServerProcess, wantsServerProcess } from './server-process.js';

const args = process.argv.slice(2);
const server = wantsServerProcess(args, process.execArgv, process.env) ? startServerProcess() : undefined;
const { runCli } = await import('./main.js');
await runCli(args, server);
