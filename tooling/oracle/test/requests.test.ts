import { requestsScenarios } from '../src/scenarios/requests.js'
import { comparesWithPython } from './support/python-suite.js'

comparesWithPython('requests 2.x vs @x/requests', requestsScenarios)
