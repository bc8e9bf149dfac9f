import { poolScenarios } from '../src/scenarios/pool.js'
import { comparesWithPython } from './support/python-suite.js'

comparesWithPython('urllib3 2.x vs @x/pool', poolScenarios)
