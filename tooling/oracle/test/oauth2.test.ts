import { oauth2Scenarios } from '../src/scenarios/oauth2.js'
import { comparesWithPython } from './support/python-suite.js'

comparesWithPython('Authlib 1.x vs @x/oauth2 (scripted server)', oauth2Scenarios)
