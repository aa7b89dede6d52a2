import 'reflect-metadata';
import { runCli } from './cli/program';

void runCli(process.argv);
